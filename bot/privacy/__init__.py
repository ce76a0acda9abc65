"""Export and forget-me."""
