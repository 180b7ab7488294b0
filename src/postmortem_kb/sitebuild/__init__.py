"""One build of the site: settings, the build session, preview, assets, self-contained mode."""
