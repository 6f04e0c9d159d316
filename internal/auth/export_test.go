package auth

// SetPasswordCheckHook lets tests count the passwords compared (AUTH-10).
func SetPasswordCheckHook(s *Service, f func()) { s.onPasswordCheck = f }
