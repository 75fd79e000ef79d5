"""Local development: DEBUG on, the debug toolbar, any host."""
from .base import *  # noqa: F401,F403

DEBUG = True
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS += ["debug_toolbar"]
MIDDLEWARE.insert(0, "debug_toolbar.middleware.DebugToolbarMiddleware")

SESSION_COOKIE_SECURE = False
EMAIL_HOST_PASSWORD = "local-mailhog-pw"
