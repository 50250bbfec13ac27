"""Where events, requests and commands come in: the consumer, the download blueprint and
the console scripts."""
