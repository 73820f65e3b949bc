package check

import (
	"path"
	"strings"
	"unicode"

	"gongkai/internal/diag"
	"gongkai/internal/site"
)

// tidiness reports what makes a site look untended: two pages of one
// column with the same title, files in a bundle that its page neither
// lists nor links, names that make ugly URLs, and 索引号 without an
// organization code.
func tidiness(in Input) []diag.Error {
	var list []diag.Error
	s := in.Site
	// What gongkai init writes for the editor to replace.
	for _, v := range []string{s.Config.Title, s.Config.Organization.Name} {
		if strings.Contains(v, "某某") {
			list = append(list, diag.Warnf(site.ConfigPath, 0, "%q is still what gongkai init wrote: write the body's own name in site.toml (title, and name under [organization]), and check base_url", v))
			break
		}
	}
	for _, sec := range append([]*site.Section{s.Home}, s.Sections...) {
		seen := map[string]*site.Page{}
		for _, p := range sec.Pages {
			if p.Draft {
				continue
			}
			if name := strings.TrimSuffix(path.Base(strings.TrimSuffix(strings.TrimSuffix(p.Path, "/index.md"), ".md")), ".md"); p.Title == name && isASCII(name) {
				// gongkai new names a page's title after its file: an
				// address's name (a file named in Chinese may well be
				// the title).
				list = append(list, diag.Warnf(p.Path, p.Line("title"), "the title %q is the file's name, as gongkai new wrote it: write the page's title", p.Title))
			}
			if first := seen[p.Title]; first != nil {
				list = append(list, diag.Warnf(p.Path, p.Line("title"), "the title %q is also that of %s in this column: readers cannot tell them apart; make it say what is different", p.Title, first.Path))
				continue
			}
			seen[p.Title] = p
		}
	}

	// Files of bundles that the page does not offer.
	bundles := map[string]*site.Page{}
	for _, p := range s.Pages {
		if p.Extras().BundleDir != "" {
			bundles[p.Extras().BundleDir] = p
		}
	}
	for _, f := range s.Files {
		p := bundleOf(bundles, f)
		if p == nil {
			continue
		}
		name := strings.TrimPrefix(f, p.Extras().BundleDir+"/")
		if offered(in, p, name) {
			continue
		}
		list = append(list, diag.Warnf(f, 0, "%s is in the bundle of %s but neither listed as an [[attachment]] nor linked from it: list it, or delete it (it is published all the same)", name, p.Path))
	}

	// Names: every folder and file once.
	named := map[string]bool{}
	var paths []string
	for _, p := range s.Pages {
		paths = append(paths, p.Path)
	}
	paths = append(paths, s.Files...)
	for _, sec := range s.Sections {
		paths = append(paths, sec.Dir)
	}
	for _, p := range paths {
		parts := strings.Split(strings.TrimPrefix(p, "content/"), "/")
		for i := range parts {
			name := parts[i]
			full := "content/" + strings.Join(parts[:i+1], "/")
			if named[full] || !ugly(name) {
				continue
			}
			named[full] = true
			list = append(list, diag.Warnf(full, 0, "the name %q has spaces or capital letters, which make ugly, error-prone addresses: rename it %q", name, tidyName(name)))
		}
	}

	// A new site has no pages yet, and its code is best filled in now.
	missing := len(s.Pages) == 0 && s.Config.Organization.Code == ""
	for _, p := range s.Pages {
		missing = missing || p.IndexCode == ""
	}
	if missing {
		list = append(list, diag.Warnf(site.ConfigPath, 0, "[organization] has no code: 索引号 without the body's code (统一社会信用代码) are not unique across bodies; add code = \"…\" under [organization]"))
	}
	return list
}

// bundleOf returns the page whose bundle holds file f.
func bundleOf(bundles map[string]*site.Page, f string) *site.Page {
	for dir := path.Dir(f); dir != "content" && dir != "."; dir = path.Dir(dir) {
		if p := bundles[dir]; p != nil {
			return p
		}
	}
	return nil
}

// offered reports whether page p lists the file name of its bundle as an
// attachment or links to it.
func offered(in Input, p *site.Page, name string) bool {
	for _, a := range p.Extras().Attachments {
		if a.File == name {
			return true
		}
	}
	for _, l := range in.Links[p.Path] {
		if target, _, ok := resolve(l.Dest, p.URL); ok && target == strings.TrimPrefix(p.Extras().BundleDir, "content/")+"/"+name {
			return true
		}
	}
	return false
}

func ugly(name string) bool {
	for _, r := range name {
		if unicode.IsSpace(r) || 'A' <= r && r <= 'Z' {
			return true
		}
	}
	return false
}

// tidyName is name in lower case, with dashes for spaces.
func tidyName(name string) string {
	return strings.Join(strings.Fields(strings.ToLower(name)), "-")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
