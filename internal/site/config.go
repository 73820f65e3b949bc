package site

import (
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"gongkai/internal/diag"
	"gongkai/internal/tomldoc"
)

// Config is content/site.toml.
type Config struct {
	Title    string
	BaseURL  string // absolute, ends in "/"
	BasePath string // the path of BaseURL: "/" or "/kjj/"
	Language string
	Theme    string
	Location *time.Location // from timezone
	RawHTML  bool           // raw_html: let raw HTML in Markdown through
	History  string         // history: what pages show from git, one of Histories
	Gzip     bool           // gzip: a .gz beside each HTML, CSS, JS, JSON, CSV and XML file, for nginx gzip_static
	// Search makes the /search/ page and its index (default true). A
	// body on a 集约化 portal whose platform searches every body's pages
	// may turn it off: search = false.
	Search       bool
	Organization Organization
	Footer       Footer
	Hash         uint64 // of site.toml
}

// Organization is the body that publishes a site or a subtree of columns:
// 发布机构, and the code in its pages' 索引号.
type Organization struct {
	Name    string
	Code    string
	Address string
	Phone   string
}

// Footer holds the items inspectors look for at the bottom of every page.
type Footer struct {
	SiteCode     string // 网站标识码
	ICP          string // ICP备案编号
	PoliceRecord string // 公安机关备案号
	Sponsor      string // 主办单位
	// ConacScript is the 党政机关网站标识 script the site was issued
	// (https://dcs.conac.cn/js/…), placed bottom-centre of every footer:
	// the one third-party script a page may carry.
	ConacScript string
}

// Histories are the values of site.toml's history, the first the default:
// what each page of a site kept in git shows of its history. "updated":
// 更新日期, the date of the last commit that changed it; "revisions": that
// and 更新记录, the date and message of every commit that touched it;
// "off": neither. Commit messages are written for colleagues, so they go
// public only when a site asks.
var Histories = []string{"updated", "revisions", "off"}

// ConfigPath is where a site keeps its settings, relative to the site root.
const ConfigPath = "content/site.toml"

// WordsPath is the site's list of 错敏词, read by gongkai check; it is not
// published.
const WordsPath = "content/words.toml"

// ReadConfig reads only the settings of the site in fsys.
func ReadConfig(fsys fs.FS) (*Config, []diag.Error) {
	src, err := fs.ReadFile(fsys, ConfigPath)
	if err != nil {
		return nil, []diag.Error{diag.Errorf(ConfigPath, 0, "cannot read the site settings: %v", unwrapPath(err))}
	}
	return parseConfig(src)
}

func parseConfig(src []byte) (*Config, []diag.Error) {
	t, errs := tomldoc.Parse(ConfigPath, src, 1)
	if t == nil {
		return nil, errs
	}
	str := func(t *tomldoc.Table, key string) string {
		s, _ := t.Str(key)
		return strings.TrimSpace(s)
	}
	c := &Config{
		Title:    str(t, "title"),
		Language: str(t, "language"),
		Theme:    str(t, "theme"),
	}
	baseURL := str(t, "base_url")
	tz := str(t, "timezone")
	c.RawHTML, _ = t.Bool("raw_html")
	c.History = str(t, "history")
	c.Gzip, _ = t.Bool("gzip")
	c.Search = true
	if v, ok := t.Bool("search"); ok {
		c.Search = v
	}
	o := t.Table("organization")
	if o != nil {
		c.Organization = organization(o)
	}
	if f := t.Table("footer"); f != nil {
		c.Footer = Footer{SiteCode: str(f, "site_code"), ICP: str(f, "icp"), PoliceRecord: str(f, "police_record"), Sponsor: str(f, "sponsor"), ConacScript: str(f, "conac_script")}
		if s := c.Footer.ConacScript; s != "" && !conacURL(s) {
			f.Errorf("conac_script", "conac_script %q is not the script address the 党政机关网站标识 was issued with (https://dcs.conac.cn/js/…)", s)
		}
		f.Unknown()
	}
	if c.Title == "" && !t.Reported("title") {
		t.Errorf("title", "title is required")
	}
	if c.Organization.Name == "" && !t.Reported("organization") && (o == nil || !o.Reported("name")) {
		t.Errorf("organization", "organization.name is required")
	}
	if c.Language == "" {
		c.Language = "zh-CN"
	} else if tag, err := language.Parse(c.Language); err != nil || strings.Contains(c.Language, "_") {
		// <html lang> takes a BCP 47 tag: zh_CN, a locale's name, is
		// not one, and screen readers and checkers read it as none.
		want := "zh-CN"
		if err == nil {
			want = tag.String()
		}
		t.Errorf("language", "language %q is not a language tag as web pages name one: write language = %q", c.Language, want)
	}
	if c.Theme == "" {
		c.Theme = "default"
	}
	if err := checkName(c.Theme); err != nil {
		t.Errorf("theme", "theme %q: %v", c.Theme, err)
	}
	switch {
	case c.History == "":
		c.History = Histories[0]
	case !slices.Contains(Histories, c.History):
		t.Errorf("history", "history = %q: want \"updated\" (更新日期), \"revisions\" (更新日期 and 更新记录) or \"off\"", c.History)
		c.History = Histories[0]
	}
	if tz == "" {
		tz = "Asia/Shanghai"
	}
	if loc, err := time.LoadLocation(tz); err != nil {
		t.Errorf("timezone", "unknown timezone %q", tz)
	} else {
		c.Location = loc
	}
	switch u, err := url.Parse(baseURL); {
	case baseURL == "":
		if !t.Reported("base_url") {
			t.Errorf("base_url", "base_url is required")
		}
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "":
		t.Errorf("base_url", "base_url %q is not an absolute http(s) URL", baseURL)
	default:
		c.BasePath = strings.TrimSuffix(u.Path, "/") + "/"
		u.Path = c.BasePath
		u.RawPath = ""
		c.BaseURL = u.String()
	}
	t.Unknown()
	return c, t.Errors()
}

// conacURL reports whether s is a script of the 党政机关网站标识 service:
// nothing else third-party may be put in every page.
func conacURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && (u.Host == "conac.cn" || strings.HasSuffix(u.Host, ".conac.cn")) && u.RawQuery == "" && u.Fragment == ""
}

// organization reads an [organization] table, of site.toml or a column.
func organization(t *tomldoc.Table) Organization {
	str := func(key string) string {
		s, _ := t.Str(key)
		return strings.TrimSpace(s)
	}
	o := Organization{Name: str("name"), Code: str("code"), Address: str("address"), Phone: str("phone")}
	t.Unknown()
	return o
}

// checkName refuses a path element that could lead out of its folder.
func checkName(name string) error {
	switch {
	case name == "" || name == "." || name == "..":
		return diag.Errorf("", 0, "not a usable name")
	case strings.ContainsAny(name, "/\\\x00"):
		return diag.Errorf("", 0, "must not contain /, \\ or NUL")
	}
	return nil
}
