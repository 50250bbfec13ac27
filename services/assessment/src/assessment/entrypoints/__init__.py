"""Where requests, events and commands enter the assessment service: the web blueprints (api,
pages, privacy), the event consumer and the console scripts. They translate and delegate to
services/ and privacy/; the app factory that assembles the blueprints is assessment.web."""
