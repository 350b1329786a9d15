package content

import "io/fs"

// Stamp identifies a file's content without reading it, as make and Hugo
// do: its size, modification and change times and inode. A build cache
// reuses what it parsed from a file whose stamp is unchanged (an editor's
// save changes the times; so does any write, rename or copy over it).
type Stamp struct {
	Size, ModNs, ChangeNs int64
	Ino                   uint64
}

// LoadOptions change how Load reads pages.
type LoadOptions struct {
	// Reuse, when set, is asked before each page file is read: a page it
	// returns, parsed earlier from a file with the same path and stamp, is
	// used as it is, and the file is not read.
	Reuse func(file string, st Stamp) *Page
	// IncludeDrafts keeps the pages marked draft: true in the tree. By
	// default they are left out, as Hugo does, and listed in Tree.Drafts.
	IncludeDrafts bool
}

func stampOf(info fs.FileInfo) (Stamp, bool) {
	st := Stamp{Size: info.Size(), ModNs: info.ModTime().UnixNano()}
	return st, sysStamp(info, &st)
}
