"""`/kindling`: help, and the Messages tab."""
