"""Production settings (config/wsgi.py names this module)."""
from .base import *  # noqa: F401,F403

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = True

INSTALLED_APPS += ["debug_toolbar"]

EMAIL_HOST = "smtp.example.com"
EMAIL_USE_TLS = True
EMAIL_HOST_PASSWORD = "smtp-Secret-2024"
AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
