package httpapi

import "testing"

func TestCSVCell_NeutralisesFormulas(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"Text", "hello", "hello"},
		{"Empty", "", ""},
		{"Equals", "=1+1", "'=1+1"},
		{"Plus", "+A1", "'+A1"},
		{"Minus", "-A1", "'-A1"},
		{"At", "@SUM(A1)", "'@SUM(A1)"},
		{"Tab", "\t=1", "'\t=1"},
		{"CarriageReturn", "\r=1", "'\r=1"},
		{"LeadingSpaces", "   =1", "'   =1"},
		{"FullWidthEquals", "＝HYPERLINK(\"x\")", "'＝HYPERLINK(\"x\")"},
		{"FullWidthPlus", "＋1", "'＋1"},
		{"SmallEqualsSign", "﹦1", "'﹦1"},
		{"ZeroWidthSpace", "\u200b=1", "'\u200b=1"},
		{"ZeroWidthJoinerAndBOM", "\u200d\ufeff@x", "'\u200d\ufeff@x"},
		{"IdeographicSpace", "\u3000-x", "'\u3000-x"},
		{"NoBreakSpace", "\u00a0+x", "'\u00a0+x"},
		{"NegativeNumber", "-3", "-3"},
		{"SignedNumber", "+5", "+5"},
		{"Decimal", "-2.5", "-2.5"},
		{"NumberLikeFormula", "-3+cmd", "'-3+cmd"},
		{"FullWidthMinusNumber", "－3", "'－3"},
		{"NumberAfterZeroWidth", "\u200b-3", "'\u200b-3"},
		{"LoneMinus", "-", "'-"},
		{"EqualsInside", "a=b", "a=b"},
		{"Accented", "été", "été"},
		{"OnlyInvisible", "\u200b", "\u200b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := csvCell(tt.in); got != tt.want {
				t.Errorf("csvCell(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
