//go:build !linux && !darwin

package build

import "errors"

// swapFolders cannot exchange two folders in one step on this system:
// commit renames them one after the other.
func swapFolders(a, b string) error { return errors.ErrUnsupported }
