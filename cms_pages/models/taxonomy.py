"""The vocabularies shared by stories, enterprises, campaigns and events."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceGroup(models.TextChoices):
    CARE = "care", _("Care")
    LIVING = "living", _("Living")
    EDUCATION = "education", _("Education")
    BUSINESS_SUPPORT = "business-support", _("Business support")


class Region(models.TextChoices):
    SEOUL = "seoul", _("Seoul")
    BUSAN = "busan", _("Busan")
    DAEGU = "daegu", _("Daegu")
    INCHEON = "incheon", _("Incheon")
    GWANGJU = "gwangju", _("Gwangju")
    DAEJEON = "daejeon", _("Daejeon")
    ULSAN = "ulsan", _("Ulsan")
    SEJONG = "sejong", _("Sejong")
    GYEONGGI = "gyeonggi", _("Gyeonggi")
    GANGWON = "gangwon", _("Gangwon")
    CHUNGBUK = "chungbuk", _("North Chungcheong")
    CHUNGNAM = "chungnam", _("South Chungcheong")
    JEONBUK = "jeonbuk", _("North Jeolla")
    JEONNAM = "jeonnam", _("South Jeolla")
    GYEONGBUK = "gyeongbuk", _("North Gyeongsang")
    GYEONGNAM = "gyeongnam", _("South Gyeongsang")
    JEJU = "jeju", _("Jeju")


class EnterpriseType(models.TextChoices):
    COOPERATIVE = "cooperative", _("Cooperative")
    SOCIAL_ENTERPRISE = "social-enterprise", _("Social enterprise")
    VILLAGE_ENTERPRISE = "village-enterprise", _("Village enterprise")
    SELF_SUFFICIENCY = "self-sufficiency", _("Self-sufficiency enterprise")
    SOCIAL_VENTURE = "social-venture", _("Social venture")


class EnterpriseField(models.TextChoices):
    FOOD = "food", _("Food")
    LIVING = "living", _("Living")
    CARE = "care", _("Care")
    EDUCATION = "education", _("Education")
    CULTURE = "culture", _("Culture")
    ENVIRONMENT = "environment", _("Environment")
    BUSINESS_SUPPORT = "business-support", _("Business support")


class EventKind(models.TextChoices):
    MARKET_FAIR = "market-fair", _("Market fair")
    EXPERIENCE_DAY = "experience-day", _("Experience day")
    MC_COURSE = "mc-course", _("Market Creator course")
