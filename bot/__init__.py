"""Kindling: a Slack bot that helps teams heal from and prevent burnout through kindness."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kindling")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
