package main

import "gongkai/internal/diag"

// The Chinese of publish's messages for a bucket (see diag.Translate).
func init() {
	diag.Translate(map[string]string{
		"gongkai: release %s completed in %s: %d files sent (%s), %d copied, %d deleted\n":                                                        "gongkai：已在 %[2]s 补齐发布版本 %[1]s：上传 %[3]d 个文件（%[4]s），复制 %[5]d 个，删除 %[6]d 个\n",
		"gongkai: published %d pages (%d files) as release %s to %s: %d files sent (%s), %d copied inside the bucket, %d deleted, %d unchanged\n": "gongkai：已将 %d 个页面（共 %d 个文件）作为发布版本 %s 发布到 %s：上传 %d 个文件（%s），桶内复制 %d 个，删除 %d 个，%d 个未变\n",
	})
}
