default_app_config = "commerce.partner.apps.PartnerConfig"
