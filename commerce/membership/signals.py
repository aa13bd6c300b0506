"""Membership events for the apps above (the editorial side drafts the enterprise profile)."""

from django.dispatch import Signal

# An application was approved: kwargs partner, application, by. Sent inside the approval's
# transaction, after the application is saved; a receiver may set application.profile_page.
partner_approved = Signal()
