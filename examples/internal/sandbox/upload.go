package sandbox

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/errkit/errkit/apierr"
)

// uploadSlack is what a multipart body may hold beyond the file itself:
// boundaries, part headers, small fields.
const uploadSlack = 64 << 10

// ReadUpload reads the part named "file" of a multipart/form-data request
// without buffering more than [MaxDocument] and a little. A body that is
// not multipart is [apierr.UnsupportedMediaType]; no file part is a
// [apierr.BadRequest] naming the field; a file over the limit is
// [apierr.DOC0002].
func ReadUpload(w http.ResponseWriter, r *http.Request) (filename string, data []byte, err error) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		ce := apierr.NewCondition(apierr.UnsupportedMediaType).With("accepted", "multipart/form-data")
		return "", nil, ce
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxDocument+uploadSlack)
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, apierr.NewCondition(apierr.BadRequest).WithCause(err)
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return "", nil, apierr.NewCondition(apierr.Validation).WithFields(apierr.FieldError{
				Field: "file", Rule: "required", Message: "file is required",
			})
		}
		if err != nil {
			return "", nil, uploadError(err)
		}
		if p.FormName() != "file" {
			_, _ = io.Copy(io.Discard, p)
			continue
		}
		data, err := io.ReadAll(io.LimitReader(p, MaxDocument+1))
		if err != nil {
			return "", nil, uploadError(err)
		}
		if len(data) > MaxDocument {
			return "", nil, apierr.New(apierr.DOC0002).With("maxBytes", MaxDocument)
		}
		name := p.FileName()
		if len(name) > 255 {
			name = name[:255]
		}
		return strings.ToValidUTF8(name, "\uFFFD"), data, nil
	}
}

func uploadError(err error) error {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return apierr.New(apierr.DOC0002).With("maxBytes", MaxDocument).WithCause(err)
	}
	return apierr.NewCondition(apierr.BadRequest).WithCause(err)
}
