"""Local development and the `make run` demo: DEBUG on, console e-mail, in-process tasks."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
