// Package history reads when a site's files changed, from git: for each
// file under content/, the commits that touched it, newest first; and the
// pages deleted from it (Deleted), whose 索引号 are not given again. Read
// runs git twice for the whole site — once to ask whether the folder is a
// checkout and whether its history is whole, once for the log — never once
// per page:
//
//	git rev-parse --is-inside-work-tree --is-shallow-repository
//	git log --format=… --name-only -z --no-renames --diff-filter=d --relative -- content
//
//	log, err := history.Read(dir)
//	switch {
//	case errors.Is(err, history.ErrShallow): // warn; log knows no file
//	case log == nil:                         // not a checkout
//	}
//	revs := log.Of("content/news/a.md")
//
// Dates are committer dates (when a change entered the history the site is
// built from), so two builds of the same commit see the same dates. A
// shallow clone (CI clones with --depth 1) has cut history: every file
// would seem to have changed in the one commit it has, so Read gives an
// empty Log and ErrShallow rather than dates that are wrong.
package history

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Revision is one commit that touched a file.
type Revision struct {
	Time    time.Time
	Message string // the commit message's first line
}

// Log is the history of the files under content/. A nil Log knows nothing.
type Log struct {
	revs  []Revision         // newest first, as git log lists them
	files map[string][]int32 // path → indexes into revs, ascending (newest first)
	paths []string           // the keys of files, sorted, for Under
}

// ErrShallow says the checkout is a shallow clone, whose history is cut.
var ErrShallow = errors.New("the git checkout is shallow (cloned with --depth)")

// Read reads the history of dir's content/ folder. It returns nil and no
// error when dir is not in a git work tree or git cannot be run, and an
// empty Log with ErrShallow in a shallow clone.
func Read(dir string) (*Log, error) {
	out, err := git(dir, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")
	if err != nil {
		return nil, nil // no git, or not a checkout: nothing to say
	}
	switch fields := strings.Fields(string(out)); {
	case len(fields) != 2 || fields[0] != "true":
		return nil, nil
	case fields[1] == "true":
		return &Log{}, ErrShallow
	}
	out, err = git(dir, "-c", "core.quotepath=off", "log", "--format=%x1e%ct%x00%s", "--name-only", "-z", "--no-renames", "--diff-filter=d", "--relative", "--", "content")
	if err != nil {
		// A checkout without a commit yet has no history: every page is new.
		if _, herr := git(dir, "rev-parse", "--verify", "-q", "HEAD"); herr != nil {
			return &Log{}, nil
		}
		return nil, fmt.Errorf("git log: %v", err)
	}
	return parse(out)
}

// parse reads git log's output: per commit "\x1e" time "\0" subject "\0",
// then "\n" and the names, each ending in "\0".
func parse(out []byte) (*Log, error) {
	l := &Log{files: map[string][]int32{}}
	for rec := range bytes.SplitSeq(out, []byte{0x1e}) {
		if len(rec) == 0 {
			continue
		}
		fields := strings.Split(string(rec), "\x00")
		if len(fields) < 2 {
			return nil, fmt.Errorf("git log: cannot read %q", rec)
		}
		sec, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("git log: cannot read the time %q", fields[0])
		}
		i := int32(len(l.revs))
		l.revs = append(l.revs, Revision{Time: time.Unix(sec, 0).UTC(), Message: fields[1]})
		for _, name := range fields[2:] {
			name = strings.TrimPrefix(name, "\n")
			if name == "" {
				continue
			}
			if list := l.files[name]; len(list) == 0 || list[len(list)-1] != i {
				l.files[name] = append(list, i)
			}
		}
	}
	for p := range l.files {
		l.paths = append(l.paths, p)
	}
	slices.Sort(l.paths)
	return l, nil
}

// Of returns the commits that touched the file at path (relative to the
// site folder), newest first; nil for a file git does not know.
func (l *Log) Of(path string) []Revision {
	if l == nil {
		return nil
	}
	return l.collect(l.files[path])
}

// Under returns the commits that touched any file under the folder dir
// (a page bundle), newest first.
func (l *Log) Under(dir string) []Revision {
	if l == nil {
		return nil
	}
	prefix := dir + "/"
	i, _ := slices.BinarySearch(l.paths, prefix)
	var idx []int32
	for ; i < len(l.paths) && strings.HasPrefix(l.paths[i], prefix); i++ {
		idx = append(idx, l.files[l.paths[i]]...)
	}
	slices.Sort(idx)
	return l.collect(slices.Compact(idx))
}

func (l *Log) collect(idx []int32) []Revision {
	if len(idx) == 0 {
		return nil
	}
	revs := make([]Revision, len(idx))
	for k, i := range idx {
		revs[k] = l.revs[i]
	}
	return revs
}

// gitEnv is the environment without the variables that would point git
// elsewhere (set when gongkai runs inside a git hook).
func gitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		switch name, _, _ := strings.Cut(kv, "="); name {
		case "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY":
			continue
		}
		env = append(env, kv)
	}
	return env
}

// git runs git in dir, with the variables that would point it elsewhere
// (set when gongkai runs inside a git hook) taken out.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("%v: %s", err, msg)
		}
		return nil, err
	}
	return out, nil
}

// Deleted returns the text of every page (a .md file under content/) that
// left the site: deleted by a commit of its history, or missing from the
// work tree (or the index) since the last commit. A 索引号 such a page
// held must not be given to another (site.Retired). It runs git three
// times, whatever the number of pages:
//
//	git log --diff-filter=D --format=… --name-only -z --no-renames --relative -- content
//	git diff --name-only --diff-filter=D -z --no-renames --relative HEAD -- content
//	git cat-file --batch   (each page as it was before it went)
//
// It returns nil and no error when dir is not in a git work tree, or has
// no commit yet.
func Deleted(dir string) ([][]byte, error) {
	if out, err := git(dir, "rev-parse", "--is-inside-work-tree"); err != nil || strings.TrimSpace(string(out)) != "true" {
		return nil, nil
	}
	if _, err := git(dir, "rev-parse", "--verify", "-q", "HEAD"); err != nil {
		return nil, nil
	}
	var specs []string // <commit>:./<path>, each a page before it went
	out, err := git(dir, "-c", "core.quotepath=off", "log", "--diff-filter=D", "--format=%x1e%H", "--name-only", "-z", "--no-renames", "--relative", "--", "content")
	if err != nil {
		return nil, fmt.Errorf("git log: %v", err)
	}
	for rec := range bytes.SplitSeq(out, []byte{0x1e}) {
		fields := strings.Split(string(rec), "\x00")
		commit, names := strings.TrimSpace(fields[0]), fields[1:]
		for _, name := range names {
			if name = strings.TrimPrefix(name, "\n"); commit != "" && strings.HasSuffix(name, ".md") {
				specs = append(specs, commit+"^:./"+name)
			}
		}
	}
	out, err = git(dir, "-c", "core.quotepath=off", "diff", "--name-only", "--diff-filter=D", "-z", "--no-renames", "--relative", "HEAD", "--", "content")
	if err != nil {
		return nil, fmt.Errorf("git diff: %v", err)
	}
	for _, name := range strings.Split(string(out), "\x00") {
		if strings.HasSuffix(name, ".md") {
			specs = append(specs, "HEAD:./"+name)
		}
	}
	if len(specs) == 0 {
		return nil, nil
	}
	return catFiles(dir, specs)
}

// catFiles reads the objects git names by specs, in one git cat-file;
// a spec that names none is left out.
func catFiles(dir string, specs []string) ([][]byte, error) {
	cmd := exec.Command("git", "cat-file", "--batch")
	cmd.Dir = dir
	cmd.Env = gitEnv()
	cmd.Stdin = strings.NewReader(strings.Join(specs, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %v", err)
	}
	var texts [][]byte
	for len(out) > 0 {
		head, rest, ok := bytes.Cut(out, []byte("\n"))
		if !ok {
			break
		}
		out = rest
		f := strings.Fields(string(head)) // <object> <type> <size>, or <spec> missing
		if len(f) != 3 {
			continue
		}
		size, err := strconv.Atoi(f[2])
		if err != nil || size > len(out) {
			return nil, fmt.Errorf("git cat-file: cannot read %q", head)
		}
		if f[1] == "blob" {
			texts = append(texts, out[:size])
		}
		out = bytes.TrimPrefix(out[size:], []byte("\n"))
	}
	return texts, nil
}
