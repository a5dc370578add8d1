"""Rule-file loader: schema, %pattern expansion, validation."""
