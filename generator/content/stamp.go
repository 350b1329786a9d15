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
	// Listing, when set with Reuse, is the tree's page files and their
	// stamps, listed ahead of time by StartListing on the same fsys.
	Listing *Listing
	// Frozen reads a published revision, which cannot be edited: it is
	// not told of settings its site.toml leaves out (no title, or no
	// site.toml), as the working copy is. Load sets it.
	Frozen bool
}

// A Listing is the walk LoadWith starts with (every page file and its
// stamp), begun early: an incremental build lists the 10,000 files of a
// big tree — a stat each — while it reads its build cache, instead of
// after.
type Listing struct {
	done  chan struct{}
	found found
}

// StartListing begins listing fsys's page files with their stamps, for
// LoadOptions.Listing.
func StartListing(fsys fs.FS) *Listing {
	l := &Listing{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		l.found = walk(fsys, true)
	}()
	return l
}

// wait returns the listing once it is done.
func (l *Listing) wait() found {
	<-l.done
	return l.found
}

func stampOf(info fs.FileInfo) (Stamp, bool) {
	st := Stamp{Size: info.Size(), ModNs: info.ModTime().UnixNano()}
	return st, sysStamp(info, &st)
}
