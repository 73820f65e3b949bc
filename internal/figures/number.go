package figures

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Number is a decimal kept exactly as the editor typed it: 135.5 stays
// 135.5 and 27.50 keeps its two places. Arithmetic on Numbers is exact, so a
// check never fails by a float rounding error and a change never shows as
// 15.500001.
//
// The zero Number is 0.
type Number struct {
	v      int64 // the value times 10^places
	places int
}

// maxPlaces and maxDigits bound what ParseNumber accepts. They keep every
// sum and difference the package computes far inside int64.
const (
	maxPlaces = 6
	maxDigits = 15
)

var (
	errNotNumber = errors.New("not a number")
	errTooLarge  = errors.New("too large")
)

// ParseNumber reads a plain decimal: an optional sign, digits, and optionally
// a point and more digits ("120", "-3", "135.5", "0.25"). TOML's digit
// separators ("1_000") are allowed. Exponents are not: callers holding a
// float use NumberFromFloat.
func ParseNumber(s string) (Number, error) {
	s = strings.ReplaceAll(s, "_", "")
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	whole, frac, hasPoint := strings.Cut(s, ".")
	if whole == "" || (hasPoint && frac == "") || !allDigits(whole) || !allDigits(frac) {
		return Number{}, errNotNumber
	}
	if len(frac) > maxPlaces {
		return Number{}, errTooLarge
	}
	digits := strings.TrimLeft(whole+frac, "0")
	if len(digits) > maxDigits {
		return Number{}, errTooLarge
	}
	var v int64
	if digits != "" {
		var err error
		if v, err = strconv.ParseInt(digits, 10, 64); err != nil {
			return Number{}, errTooLarge
		}
	}
	if neg {
		v = -v
	}
	return Number{v: v, places: len(frac)}, nil
}

// NumberFromInt returns i as a Number with no decimal places.
func NumberFromInt(i int64) (Number, error) {
	return ParseNumber(strconv.FormatInt(i, 10))
}

// NumberFromFloat returns the shortest decimal that reads back as f. It is
// the fallback when the typed text of a value is not at hand.
func NumberFromFloat(f float64) (Number, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Number{}, errNotNumber
	}
	return ParseNumber(strconv.FormatFloat(f, 'f', -1, 64))
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String gives the number as typed: "135.5", "120", "-3", "0.25".
func (n Number) String() string {
	s := strconv.FormatInt(n.v, 10)
	if n.places == 0 {
		return s
	}
	sign := ""
	if n.v < 0 {
		sign, s = "-", s[1:]
	}
	if len(s) <= n.places {
		s = strings.Repeat("0", n.places-len(s)+1) + s
	}
	return sign + s[:len(s)-n.places] + "." + s[len(s)-n.places:]
}

// Sign returns -1, 0 or +1.
func (n Number) Sign() int {
	switch {
	case n.v < 0:
		return -1
	case n.v > 0:
		return 1
	}
	return 0
}

// Places is the number of digits after the decimal point.
func (n Number) Places() int { return n.places }

// Float64 is for drawing, never for display or arithmetic.
func (n Number) Float64() float64 {
	return float64(n.v) / math.Pow10(n.places)
}

// MarshalJSON writes the number as a JSON number, exactly as typed.
func (n Number) MarshalJSON() ([]byte, error) {
	return []byte(n.String()), nil
}

// Equal reports whether n and m are the same value: 1.50 equals 1.5.
func (n Number) Equal(m Number) bool {
	a, b, _, ok := align(n, m)
	return ok && a == b
}

// Add returns n + m with as many places as the more precise of the two.
// ok is false on overflow, which ParseNumber's bounds make unreachable in
// practice.
func (n Number) Add(m Number) (sum Number, ok bool) {
	a, b, places, ok := align(n, m)
	if !ok || (b > 0 && a > math.MaxInt64-b) || (b < 0 && a < math.MinInt64-b) {
		return Number{}, false
	}
	return Number{v: a + b, places: places}, true
}

// Sub returns n - m; see Add.
func (n Number) Sub(m Number) (diff Number, ok bool) {
	if m.v == math.MinInt64 {
		return Number{}, false
	}
	return n.Add(Number{v: -m.v, places: m.places})
}

// align scales n and m to the same number of places.
func align(n, m Number) (a, b int64, places int, ok bool) {
	places = max(n.places, m.places)
	a, ok1 := scale(n.v, places-n.places)
	b, ok2 := scale(m.v, places-m.places)
	return a, b, places, ok1 && ok2
}

func scale(v int64, k int) (int64, bool) {
	for range k {
		if v > math.MaxInt64/10 || v < math.MinInt64/10 {
			return 0, false
		}
		v *= 10
	}
	return v, true
}

// percent returns 100 × change / |base| rounded half away from zero to one
// decimal, as text without sign ("25.8"), and the sign of the rounded value.
// Dividing by |base| makes the sign of the percent always that of the
// change, which is what a reader of 增幅 expects even when the base is
// negative. ok is false when base is 0.
func percent(change, base Number) (text string, sign int, ok bool) {
	c, b, _, ok := align(change, base)
	if !ok || b == 0 {
		return "", 0, false
	}
	// tenths = round(|c| × 1000 / |b|) = floor((2·|c|·1000 + |b|) / (2·|b|))
	num := new(big.Int).Abs(big.NewInt(c))
	num.Mul(num, big.NewInt(2000))
	den := new(big.Int).Abs(big.NewInt(b))
	num.Add(num, den)
	den.Mul(den, big.NewInt(2))
	tenths := num.Quo(num, den).String()
	if tenths != "0" && c < 0 {
		sign = -1
	} else if tenths != "0" {
		sign = 1
	}
	if len(tenths) < 2 {
		tenths = "0" + tenths
	}
	return tenths[:len(tenths)-1] + "." + tenths[len(tenths)-1:], sign, true
}
