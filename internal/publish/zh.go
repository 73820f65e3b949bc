package publish

import "gongkai/internal/diag"

// The Chinese of this package's messages (see diag.Translate).
func init() {
	diag.Translate(map[string]string{
		"another publish or rollback is writing %s; try again when it is done": "另一个发布或回退正在写入 %s：请等它完成后再试",
		"%s is not a link to a release: move it away, then publish again":      "%s 不是指向某个发布版本的链接：请先把它移走，再发布",
		"%s links to %s, not to a release in %s":                               "%s 指向 %s，不是 %s 里的发布版本",
		"%s has no releases: publish into it first (gongkai publish --to %s)":  "%s 里还没有发布版本：请先发布（gongkai publish --to %s）",
		"there is no release %s in %s (gongkai releases --to %s lists them)":   "%[2]s 里没有发布版本 %[1]s（gongkai releases --to %[3]s 可列出全部版本）",
		"there is no release before %s to roll back to":                        "%s 之前没有可以回退到的发布版本",
	})
}
