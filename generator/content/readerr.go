package content

import "io/fs"

// readProblem says why a page could not be read. A symbolic link that
// leads out of the content folder cannot be read through the os.Root the
// command opens (so a build publishes only what the folder holds); that
// is the author's to fix, not the file's permissions.
func readProblem(fsys fs.FS, p string, err error) (msg, hint string) {
	if info, lerr := fs.Lstat(fsys, p); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
		return "is a symbolic link that leads outside the content folder, or nowhere: not read",
			"copy the file into the content folder; links out of it are not followed, so that a build publishes only what the folder holds"
	}
	return "cannot read: " + err.Error(), "check the file's permissions"
}
