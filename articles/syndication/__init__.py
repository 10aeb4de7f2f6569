"""What machines read of the site: RSS and Atom feeds, sitemaps, robots.txt."""
