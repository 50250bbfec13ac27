"""The mails the notifications service writes: texts per language, rendered from templates."""
