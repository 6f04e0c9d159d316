package catalog

import (
	_ "embed"
	"encoding/json"
	"sync"
)

// descriptionsFR are the demo catalog's descriptions in French, keyed by
// their English text (I18N-2): offer names stay as their publishers write
// them, descriptions are translated. An offer whose description has no
// translation shows its own text.
//
//go:embed data/descriptions.fr.json
var descriptionsFR []byte

var (
	frOnce sync.Once
	frText map[string]string
)

// DescriptionIn returns an offer's description in the language lang.
func DescriptionIn(lang, description string) string {
	if lang != "fr" || description == "" {
		return description
	}
	frOnce.Do(func() {
		if err := json.Unmarshal(descriptionsFR, &frText); err != nil {
			panic("catalog: bad data/descriptions.fr.json: " + err.Error())
		}
	})
	if t, ok := frText[description]; ok {
		return t
	}
	return description
}
