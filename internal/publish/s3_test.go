package publish

import "testing"

func TestHeaders(t *testing.T) {
	for _, tt := range []struct{ path, ctype, cache, enc string }{
		{"index.html", "text/html; charset=utf-8", "public, max-age=60", ""},
		{"news/a/index.html.gz", "text/html; charset=utf-8", "public, max-age=60", "gzip"},
		{"css/site.3f2a9c01de.css", "text/css; charset=utf-8", "public, max-age=31536000, immutable", ""},
		{"css/site.3f2a9c01de.css.gz", "text/css; charset=utf-8", "public, max-age=31536000, immutable", "gzip"},
		{"css/site.css", "text/css; charset=utf-8", "public, max-age=3600", ""},
		{"js/elder.0123456789.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", ""},
		{"atom.xml", "application/atom+xml", "public, max-age=60", ""},
		{"sitemap.xml.gz", "application/xml", "public, max-age=60", "gzip"},
		{"robots.txt", "text/plain; charset=utf-8", "public, max-age=60", ""},
		{"data/ds1.csv", "text/csv; charset=utf-8", "public, max-age=3600", ""},
		{"news/a/doc.pdf", "application/pdf", "public, max-age=3600", ""},
		{"news/a/file.unknownext", "application/octet-stream", "public, max-age=3600", ""},
		{"search/p/0.bin", "application/octet-stream", "public, max-age=60", ""},
	} {
		ctype, cache, enc := headers(tt.path)
		if ctype != tt.ctype || cache != tt.cache || enc != tt.enc {
			t.Errorf("headers(%q): have %q, %q, %q; want %q, %q, %q", tt.path, ctype, cache, enc, tt.ctype, tt.cache, tt.enc)
		}
	}
}

// TestPhase: a page is sent after what it links, lists after pages, the
// sitemap last of all.
func TestPhase(t *testing.T) {
	pages := map[string]bool{"news/a/index.html": true}
	for _, tt := range []struct {
		path string
		want int
	}{
		{"css/site.3f2a9c01de.css", 0},
		{"news/a/doc.pdf", 0},
		{"data/ds1.csv", 0},
		{"news/a/index.html", 1},
		{"news/a/index.html.gz", 1},
		{"news/index.html", 2},
		{"index.html", 2},
		{"404.html", 2},
		{"news/atom.xml", 3},
		{"robots.txt", 3},
		{"sitemap-2.xml", 3}, // a part of a large site's sitemap, before its index
		{"sitemap.xml", 4},
		{"sitemap.xml.gz", 4},
	} {
		if have := phase(tt.path, pages); have != tt.want {
			t.Errorf("phase(%q): have %d, want %d", tt.path, have, tt.want)
		}
	}
}
