"""One module per kind of generated page: an incident, the indexes, action items, insights,
feeds, the preview's error page."""
