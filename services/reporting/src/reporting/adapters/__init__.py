"""The reporting service's adapters, each named after the technology it speaks."""
