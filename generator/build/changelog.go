package build

func (s *siteRender) renderChangelog() error { return nil }
