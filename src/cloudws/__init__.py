"""Reference stub of the Cloud Workstation API."""
