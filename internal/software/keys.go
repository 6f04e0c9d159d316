package software

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"math/big"
	"strings"
)

// keyAlphabet is the 24 characters product keys are written with: no vowels
// and no look-alikes (0/O, 1/I, 5/S).
const keyAlphabet = "BCDFGHJKMPQRTVWXY2346789"

// ActivationKey derives a purchase's activation key from the server secret:
// the same purchase always gets the same key, and nobody without the secret
// can compute one. It is written as five groups of five characters.
func ActivationKey(secret []byte, purchaseID string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("activation-key:" + purchaseID))
	n := new(big.Int).SetBytes(m.Sum(nil))
	base := big.NewInt(int64(len(keyAlphabet)))
	digit := new(big.Int)
	var b strings.Builder
	for i := 0; i < 25; i++ {
		if i > 0 && i%5 == 0 {
			b.WriteByte('-')
		}
		n.DivMod(n, base, digit)
		b.WriteByte(keyAlphabet[digit.Int64()])
	}
	return b.String()
}

// NewToken returns a fresh download token (32 random bytes, base64url) and
// the hash stored for it.
func NewToken() (token, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // the system's random source failing is not recoverable
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is the hex SHA-256 of a token: what the database keeps.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// newSecret makes the key-derivation secret stored in the settings.
func newSecret() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}
