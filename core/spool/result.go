package spool

import "github.com/reel-project/reel/core/recording"

// JobFromResult builds the job of a stopped recording: its files, and one
// metadata document merged from the sidecars recording.Stop wrote beside
// them (<file>.json). The sidecars stay where they are; when the recording
// was written into its active folder, Submit moves them into the spool with
// the files.
func JobFromResult(res recording.Result) (Job, error) {
	j := Job{ID: res.ID, Files: make([]FileRef, 0, len(res.Files))}
	sidecars := make([]string, 0, len(res.Files))
	for _, f := range res.Files {
		j.Files = append(j.Files, FileRef{Name: f.MediaID, Path: f.Path, ContentType: f.Format.MIME})
		sidecars = append(sidecars, f.Path+recordExt)
	}
	doc, err := mergeSidecars(sidecars)
	if err != nil {
		return Job{}, err
	}
	j.Document = doc
	return j, nil
}
