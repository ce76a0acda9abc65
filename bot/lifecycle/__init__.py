"""Install, uninstall and data retention."""
