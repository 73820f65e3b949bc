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
		"--to %s: want s3://BUCKET or s3://BUCKET/PREFIX":                      "--to %s：应为 s3://存储桶 或 s3://存储桶/前缀",
		"this publish would delete %d files from %s, more than --max-deletes %d allows: check that the site is whole, then publish with --max-deletes %d": "这次发布将从 %[2]s 删除 %[1]d 个文件，超过 --max-deletes %[3]d 的上限：请先确认网站完整，再用 --max-deletes %[4]d 发布",
		"%s: the bucket no longer holds %s of release %s": "%s：存储桶里已没有发布版本 %[3]s 的 %[2]s",
		"could not be removed (%v): the site is published all the same; remove it as the user who owns it, or make the publishing user its owner (chown -R)": "无法删除（%v）：网站已照常发布；请以它的所有者身份删除它，或把它的所有者改为执行发布的用户（chown -R）",
		"%s: release %s has no manifest": "%s：发布版本 %s 没有清单（manifest）",
		"%s%s: %v":                       "%s%s：%v",
		"%s%s: %s: %s":                   "%s%s：%s：%s",
	})
}
