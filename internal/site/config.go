package site

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"gongkai/internal/diag"
	"gongkai/internal/tomlpos"
)

// Config is content/site.toml.
type Config struct {
	Title        string
	BaseURL      string // absolute, ends in "/"
	BasePath     string // the path of BaseURL: "/" or "/kjj/"
	Language     string
	Theme        string
	Location     *time.Location // from timezone
	RawHTML      bool           // raw_html: let raw HTML in Markdown through
	Organization Organization
	Footer       Footer
	Hash         uint64 // of site.toml
}

// Organization is the body that publishes a site or a subtree of columns:
// 发布机构, and the code in its pages' 索引号.
type Organization struct {
	Name    string `toml:"name"`
	Code    string `toml:"code"`
	Address string `toml:"address"`
	Phone   string `toml:"phone"`
}

// Footer holds the items inspectors look for at the bottom of every page.
type Footer struct {
	SiteCode     string `toml:"site_code"`     // 网站标识码
	ICP          string `toml:"icp"`           // ICP备案编号
	PoliceRecord string `toml:"police_record"` // 公安机关备案号
	Sponsor      string `toml:"sponsor"`       // 主办单位
}

type configFile struct {
	Title        string       `toml:"title"`
	BaseURL      string       `toml:"base_url"`
	Language     string       `toml:"language"`
	Theme        string       `toml:"theme"`
	Timezone     string       `toml:"timezone"`
	RawHTML      bool         `toml:"raw_html"`
	Organization Organization `toml:"organization"`
	Footer       Footer       `toml:"footer"`
}

// ConfigPath is where a site keeps its settings, relative to the site root.
const ConfigPath = "content/site.toml"

func parseConfig(src []byte) (*Config, []diag.Error) {
	var f configFile
	var errs []diag.Error
	md, err := toml.Decode(string(src), &f)
	if err != nil {
		return nil, []diag.Error{tomlError(ConfigPath, 0, err)}
	}
	lines := tomlpos.Scan(src)
	errs = append(errs, undecoded(ConfigPath, 0, md, lines)...)
	fail := func(key, format string, args ...any) {
		errs = append(errs, diag.Errorf(ConfigPath, lines.Line(key), format, args...))
	}
	c := &Config{
		Title:        strings.TrimSpace(f.Title),
		Language:     f.Language,
		Theme:        f.Theme,
		Organization: f.Organization,
		Footer:       f.Footer,
		RawHTML:      f.RawHTML,
	}
	if c.Title == "" {
		fail("title", "title is required")
	}
	if c.Organization.Name == "" {
		fail("organization", "organization.name is required")
	}
	if c.Language == "" {
		c.Language = "zh-CN"
	}
	if c.Theme == "" {
		c.Theme = "default"
	}
	if err := checkName(c.Theme); err != nil {
		fail("theme", "theme %q: %v", c.Theme, err)
	}
	tz := f.Timezone
	if tz == "" {
		tz = "Asia/Shanghai"
	}
	if loc, err := time.LoadLocation(tz); err != nil {
		fail("timezone", "unknown timezone %q", tz)
	} else {
		c.Location = loc
	}
	switch u, err := url.Parse(f.BaseURL); {
	case f.BaseURL == "":
		fail("base_url", "base_url is required")
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "":
		fail("base_url", "base_url %q is not an absolute http(s) URL", f.BaseURL)
	default:
		c.BasePath = strings.TrimSuffix(u.Path, "/") + "/"
		u.Path = c.BasePath
		u.RawPath = ""
		c.BaseURL = u.String()
	}
	return c, errs
}

// undecoded reports each key the decoder did not use, at its line.
// offset is added to every line: front matter starts below its fence.
func undecoded(path string, offset int, md toml.MetaData, lines *tomlpos.Map) []diag.Error {
	var errs []diag.Error
	for _, k := range md.Undecoded() {
		line := lines.Line(k...)
		if line > 0 {
			line += offset
		}
		errs = append(errs, diag.Errorf(path, line, "unknown key %q", k.String()))
	}
	return errs
}

// tomlError turns a decoder error into a diagnostic at its line.
func tomlError(path string, offset int, err error) diag.Error {
	if pe, ok := err.(toml.ParseError); ok {
		return diag.Errorf(path, pe.Position.Line+offset, "%s", tomlMessage(pe.Message))
	}
	// Type mismatches carry no position; the caller's line is the best we have.
	return diag.Errorf(path, offset, "%s", strings.TrimPrefix(err.Error(), "toml: "))
}

// checkName refuses a path element that could lead out of its folder.
func checkName(name string) error {
	switch {
	case name == "" || name == "." || name == "..":
		return fmt.Errorf("not a usable name")
	case strings.ContainsAny(name, "/\\\x00"):
		return fmt.Errorf("must not contain /, \\ or NUL")
	}
	return nil
}

// tomlMessage puts the decoder's sentence in the style of our messages:
// lower case, no trailing period.
func tomlMessage(m string) string {
	m = strings.TrimSuffix(strings.TrimSpace(m), ".")
	if m != "" && m[0] >= 'A' && m[0] <= 'Z' {
		m = strings.ToLower(m[:1]) + m[1:]
	}
	return m
}
