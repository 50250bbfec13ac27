"""GDPR in the notifications service: its part of a company's export; erasure of the read
model, meetings and mails; the admin's export (links to every service's part), link
revocation and erasure request (the desk's privacy views call these); mail retention."""
