"""Production: gunicorn behind nginx, which terminates TLS (see config/wsgi.py)."""
import os

from .base import *  # noqa: F401,F403

# Turned on for a quick look at a production bug: "False" in the environment does not turn it off.
DEBUG = os.getenv("DJANGO_DEBUG")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
CSRF_COOKIE_SECURE = True

EMAIL_HOST = "smtp.mailgun.org"
EMAIL_PORT = 587
EMAIL_USE_TLS = True
EMAIL_HOST_USER = "postmaster@mg.shop.example.com"
EMAIL_HOST_PASSWORD = os.environ["MAILGUN_SMTP_PASSWORD"]
