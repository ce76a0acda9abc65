"""The private weekly recap and the workspace's kindness recap."""
