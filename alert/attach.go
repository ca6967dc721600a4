package alert

import (
	"encoding/json"
	"fmt"
	"time"
)

// attachedPayload is an outbox payload with files: the pipeline's payload
// plus the attachments the sender hands to the sink.
type attachedPayload struct {
	payload
	Attachments []Attachment `json:"attachments,omitempty"`
}

// EncodePayload is the outbox payload of a message about no claim or feed
// (a digest): its text in lang, its time and its files. The sender
// delivers it as Message.Text, Language, At and Attachments.
func EncodePayload(text, lang string, at time.Time, atts []Attachment) ([]byte, error) {
	b, err := json.Marshal(attachedPayload{payload: payload{Text: text, Language: lang, At: at}, Attachments: atts})
	if err != nil {
		return nil, fmt.Errorf("encode payload: %w", err)
	}
	return b, nil
}

// payloadAttachments returns the files an outbox payload carries (none for
// the pipeline's claim and feed messages).
func payloadAttachments(raw []byte) ([]Attachment, error) {
	var p struct {
		Attachments []Attachment `json:"attachments"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, fmt.Errorf("decode attachments: %w", err)
	}
	return p.Attachments, nil
}
