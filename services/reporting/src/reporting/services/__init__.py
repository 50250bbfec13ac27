"""Use cases: what the service does when an event or a request arrives."""
