package commands_test

import (
	"testing"

	"github.com/cajalive/caja/commands"
)

func TestNormalizeWord_VariantsCountAsOneWord(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in, want string
	}{
		{"  Hello   World ", "hello world"},
		{"Straße", "strasse"},
		{"STRASSE", "strasse"},
		{"strasse", "strasse"},
		{"Café", "café"}, // accents are not folded: "café" and "cafe" stay two words
		{"ÉTÉ", "été"},
		// Arabic: harakat, shadda, sukun, tanwin and tatweel go; the alefs
		// with hamza or madda, and the wasla, are bare alefs.
		{"كَلب", "كلب"},
		{"كلْب", "كلب"},
		{"كـــلب", "كلب"},
		{"كلب", "كلب"},
		{"شُكْرًا", "شكرا"},
		{"مُحَمَّد", "محمد"},
		{"رحمٰن", "رحمن"}, // superscript alef
		{"أحمد", "احمد"},
		{"إسلام", "اسلام"},
		{"آمن", "امن"},
		{"ٱلله", "الله"},
		{"ا\u0654حمد", "احمد"}, // alef + combining hamza above
		{"سؤال", "سؤال"},       // hamza on waw and yeh stay
		{"سو\u0654ال", "سؤال"},
		{"مسائل", "مسائل"},
		// Letters that tell words apart stay apart.
		{"على", "على"},
		{"علي", "علي"},
		{"كرة", "كرة"},
		{"كره", "كره"},
		{"  كرة   القدم ", "كرة القدم"},
		{"ـ", "ـ"}, // a tatweel alone is not folded to an empty word
		{"Kaffee كَلب", "kaffee كلب"},
	} {
		if got := commands.NormalizeWord(tt.in); got != tt.want {
			t.Errorf("NormalizeWord(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
