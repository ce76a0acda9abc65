"""Pure Block Kit builders: plain values in, validated block dicts out."""
