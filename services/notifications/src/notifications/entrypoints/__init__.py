"""Where requests, events and commands enter the notifications service: the web blueprints
(api, booking, desk), the event consumer and the console scripts. They translate and
delegate to services/ and privacy/; the app factory that assembles the blueprints is
notifications.web."""
