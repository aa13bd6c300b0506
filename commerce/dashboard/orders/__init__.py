default_app_config = "commerce.dashboard.orders.apps.OrdersDashboardConfig"
