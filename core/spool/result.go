package spool

// JobFromFiles builds the job of a stopped recording: its files, and one
// metadata document merged from the sidecars the recorder wrote beside
// them (<file>.json). The sidecars stay where they are; when the recording
// was written into its active folder, Submit moves them into the spool with
// the files.
func JobFromFiles(id string, files []FileRef) (Job, error) {
	j := Job{ID: id, Files: files}
	sidecars := make([]string, 0, len(files))
	for _, f := range files {
		sidecars = append(sidecars, f.Path+recordExt)
	}
	doc, err := mergeSidecars(sidecars)
	if err != nil {
		return Job{}, err
	}
	j.Document = doc
	return j, nil
}
