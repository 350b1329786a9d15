package calculator

// FieldError is a problem with one input field, worded for the person who
// typed it so the page can show it next to that field.
//
// Field names: "role", "score", "scores" (the criterion scores as a whole),
// "scores.N" (the N-th criterion, 0-based, in the role's order), "base",
// "dept".
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

// FieldErrors is every problem found in one input; Compute returns all of
// them at once rather than stopping at the first.
type FieldErrors []*FieldError

func (l FieldErrors) Error() string {
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Error()
	}
	return join(parts, "; ")
}

// orNil returns nil for an empty list so callers can compare with nil.
func (l FieldErrors) orNil() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

//go:noinline
func (l *FieldErrors) add(field, msg string) {
	*l = append(*l, &FieldError{Field: field, Msg: msg})
}

// covers reports whether l already says something about field. An error
// on the criterion scores as a whole ("scores") and one on a single
// criterion ("scores.N") cover each other.
func (l FieldErrors) covers(field string) bool {
	for _, e := range l {
		if e.Field == field || (field == "scores" && isCriterionField(e.Field)) || (e.Field == "scores" && isCriterionField(field)) {
			return true
		}
	}
	return false
}

func isCriterionField(f string) bool { return len(f) > 7 && f[:7] == "scores." }
