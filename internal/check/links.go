package check

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"gongkai/internal/diag"
)

// links reports every internal link or image of the Markdown that leads
// nowhere in the output: to a page, column, attachment, dataset page or
// file, or #anchor that the build does not make.
func links(in Input) []diag.Error {
	var list []diag.Error
	urlOf := urls(in.Site)
	base := in.Site.Config.BasePath
	unread := map[string]bool{} // the addresses the pages not read would have had
	for _, p := range in.Site.Unread {
		unread[pageAddress(strings.TrimPrefix(p, "content/"))] = true
	}
	for _, src := range sortedKeys(in.Links) {
		pageURL := urlOf[src]
		for _, l := range in.Links[src] {
			target, frag, ok := resolve(l.Dest, pageURL)
			if !ok {
				continue
			}
			out, found := in.output(target)
			n := len(list)
			switch {
			case found && frag != "" && strings.HasSuffix(out, ".html") && !slices.Contains(in.IDs[out], frag):
				list = append(list, diag.Errorf(src, l.Line, "link %s: the page has no #%s; link to a heading or element that has that id, or drop the #", l.Dest, frag))
			case found:
			case strings.HasSuffix(target, ".md"):
				list = append(list, diag.Errorf(src, l.Line, "link %s leads to a Markdown file, which is not published: link to the page's address, /%s", l.Dest, in.mdPage(l.Dest, src, target)))
			case unread[strings.TrimSuffix(strings.TrimSuffix(target, "index.html"), "/")+"/"]:
				// The page could not be read: its own error says why.
			case base != "/" && strings.HasPrefix(l.Dest, base) && in.has(strings.TrimPrefix(target, base[1:])):
				list = append(list, diag.Errorf(src, l.Line, "link %s repeats the base path %s, which gongkai adds to every link: write /%s", l.Dest, base, strings.TrimPrefix(l.Dest, base)))
			default:
				e := diag.Errorf(src, l.Line, "broken link %s: the site has no /%s (check the address, or whether that page is a draft or not yet published)", l.Dest, target)
				e.About = "content/" + strings.Trim(strings.TrimSuffix(target, "index.html"), "/") // the body that removed it is told too
				list = append(list, e)
			}
			for k := n; k < len(list); k++ {
				list[k].Col = l.Col // a line may hold several links
			}
		}
	}
	return list
}

func (in Input) has(target string) bool {
	_, ok := in.output(target)
	return ok
}

// resolve makes dest, a link of the page at site-relative URL pageURL, a
// site-relative output path and a fragment. It is false for links that
// leave the site (a scheme, //host) or that are not to check.
func resolve(dest, pageURL string) (target, frag string, ok bool) {
	dest = strings.TrimSpace(dest)
	if dest == "" || strings.HasPrefix(dest, "//") || hasScheme(dest) {
		return "", "", false
	}
	dest, frag, _ = strings.Cut(dest, "#")
	dest, _, _ = strings.Cut(dest, "?")
	if p, err := url.PathUnescape(dest); err == nil {
		dest = p
	}
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
	}
	var joined string
	switch {
	case dest == "":
		return pageURL, frag, true
	case strings.HasPrefix(dest, "/"):
		joined = path.Clean(dest)
	default:
		joined = path.Join("/"+pageURL, dest)
	}
	target = strings.TrimPrefix(joined, "/")
	if strings.HasSuffix(dest, "/") && target != "" {
		target += "/"
	}
	return target, frag, true
}

// hasScheme reports whether dest starts with a URL scheme (https:, mailto:).
func hasScheme(dest string) bool {
	i := strings.IndexByte(dest, ':')
	if i <= 0 || strings.ContainsAny(dest[:i], "/?#") {
		return false
	}
	for j, c := range dest[:i] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// output returns the output file a site-relative target is served from:
// itself, or its index.html for a folder (with or without the slash).
func (in Input) output(target string) (string, bool) {
	for _, p := range []string{target, strings.TrimSuffix(target, "/") + "/index.html"} {
		if target == "" {
			p = "index.html"
		}
		if _, ok := in.Outputs[p]; ok {
			return p, true
		}
	}
	return "", false
}

// mdPage is the address of the page a link dest to a Markdown file, in
// the file src, means: an editor's Markdown app links a file from the
// folder of the file it edits (x.md beside content/reports/l.md is
// content/reports/x.md), not from the page's address (reports/l/), which
// gave target; that one when only it is a page of the site.
func (in Input) mdPage(dest, src, target string) string {
	file := strings.TrimPrefix(target, "content/")
	if !strings.HasPrefix(strings.TrimSpace(dest), "/") {
		file, _, _ = resolve(dest, path.Dir(strings.TrimPrefix(src, "content/"))+"/")
	}
	if _, found := in.output(pageAddress(file)); !found {
		if _, found := in.output(pageAddress(target)); found {
			return pageAddress(target)
		}
	}
	return pageAddress(file)
}

// pageAddress turns the path of a Markdown file into its page's address:
// reports/a.md → reports/a/, reports/a/index.md → reports/a/.
func pageAddress(target string) string {
	t := strings.TrimSuffix(strings.TrimSuffix(target, ".md"), "/index")
	if t == "_index" || strings.HasSuffix(t, "/_index") {
		t = strings.TrimSuffix(strings.TrimSuffix(t, "_index"), "/")
	}
	if t == "" {
		return ""
	}
	return t + "/"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
