package main

import "gongkai/internal/diag"

// The Chinese of runServe's messages (see diag.Translate); a file of its
// own so that it merges beside zh.go.
func init() {
	diag.Translate(map[string]string{
		"gongkai: serving %s at http://%s%s (Ctrl+C stops)\n": "gongkai：正在预览 %s，请在浏览器中打开 http://%s%s（按 Ctrl+C 停止）\n",
	})
}
