namespace TripSage.Memory.Grains.Search;

/// <summary>
/// The Porter stemming algorithm for English (M.F. Porter, "An algorithm for suffix stripping", 1980):
/// "travelling", "travels" and "traveled" all become "travel", so a query matches every form of a word.
/// Only lower-case ASCII words are stemmed; anything else is returned unchanged.
/// </summary>
internal static class PorterStemmer
{
    // Words this short are left alone, as in the reference implementation.
    private const int MinimumLength = 3;

    public static string Stem(string word)
    {
        if (word.Length < MinimumLength || !word.All(c => c is >= 'a' and <= 'z'))
        {
            return word;
        }

        var w = new Word(word);
        w.Step1ab();
        w.Step1c();
        w.Step2();
        w.Step3();
        w.Step4();
        w.Step5();
        return w.ToString();
    }

    private sealed class Word(string text)
    {
        private readonly char[] _b = text.ToCharArray();
        private int _k = text.Length - 1;
        private int _j;

        public override string ToString() => new(_b, 0, _k + 1);

        public void Step1ab()
        {
            if (_b[_k] == 's')
            {
                if (Ends("sses"))
                {
                    _k -= 2;
                }
                else if (Ends("ies"))
                {
                    SetTo("i");
                }
                else if (_k >= 1 && _b[_k - 1] != 's')
                {
                    _k--;
                }
            }

            if (Ends("eed"))
            {
                if (Measure() > 0)
                {
                    _k--;
                }
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                _k = _j;
                if (Ends("at"))
                {
                    SetTo("ate");
                }
                else if (Ends("bl"))
                {
                    SetTo("ble");
                }
                else if (Ends("iz"))
                {
                    SetTo("ize");
                }
                else if (DoubleConsonant(_k))
                {
                    _k--;
                    if (_b[_k] is 'l' or 's' or 'z')
                    {
                        _k++;
                    }
                }
                else if (Measure() == 1 && Cvc(_k))
                {
                    SetTo("e");
                }
            }
        }

        public void Step1c()
        {
            if (Ends("y") && VowelInStem())
            {
                _b[_k] = 'i';
            }
        }

        public void Step2()
        {
            if (_k < 1)
            {
                return;
            }

            switch (_b[_k - 1])
            {
                case 'a': _ = R("ational", "ate") || R("tional", "tion"); break;
                case 'c': _ = R("enci", "ence") || R("anci", "ance"); break;
                case 'e': R("izer", "ize"); break;
                case 'l': _ = R("bli", "ble") || R("alli", "al") || R("entli", "ent") || R("eli", "e") || R("ousli", "ous"); break;
                case 'o': _ = R("ization", "ize") || R("ation", "ate") || R("ator", "ate"); break;
                case 's': _ = R("alism", "al") || R("iveness", "ive") || R("fulness", "ful") || R("ousness", "ous"); break;
                case 't': _ = R("aliti", "al") || R("iviti", "ive") || R("biliti", "ble"); break;
                case 'g': R("logi", "log"); break;
            }
        }

        public void Step3()
        {
            switch (_b[_k])
            {
                case 'e': _ = R("icate", "ic") || R("ative", string.Empty) || R("alize", "al"); break;
                case 'i': R("iciti", "ic"); break;
                case 'l': _ = R("ical", "ic") || R("ful", string.Empty); break;
                case 's': R("ness", string.Empty); break;
            }
        }

        public void Step4()
        {
            if (_k < 1)
            {
                return;
            }

            var found = _b[_k - 1] switch
            {
                'a' => Ends("al"),
                'c' => Ends("ance") || Ends("ence"),
                'e' => Ends("er"),
                'i' => Ends("ic"),
                'l' => Ends("able") || Ends("ible"),
                'n' => Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent"),
                'o' => (Ends("ion") && _j >= 0 && _b[_j] is 's' or 't') || Ends("ou"),
                's' => Ends("ism"),
                't' => Ends("ate") || Ends("iti"),
                'u' => Ends("ous"),
                'v' => Ends("ive"),
                'z' => Ends("ize"),
                _ => false,
            };
            if (found && Measure() > 1)
            {
                _k = _j;
            }
        }

        public void Step5()
        {
            _j = _k;
            if (_b[_k] == 'e')
            {
                var m = Measure();
                if (m > 1 || (m == 1 && !Cvc(_k - 1)))
                {
                    _k--;
                }
            }

            if (_b[_k] == 'l' && DoubleConsonant(_k) && Measure() > 1)
            {
                _k--;
            }
        }

        private bool IsConsonant(int i) => _b[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !IsConsonant(i - 1),
            _ => true,
        };

        // The number of vowel-consonant sequences in the stem b[0..j].
        private int Measure()
        {
            var n = 0;
            var i = 0;
            while (true)
            {
                if (i > _j)
                {
                    return n;
                }

                if (!IsConsonant(i))
                {
                    break;
                }

                i++;
            }

            i++;
            while (true)
            {
                while (true)
                {
                    if (i > _j)
                    {
                        return n;
                    }

                    if (IsConsonant(i))
                    {
                        break;
                    }

                    i++;
                }

                i++;
                n++;
                while (true)
                {
                    if (i > _j)
                    {
                        return n;
                    }

                    if (!IsConsonant(i))
                    {
                        break;
                    }

                    i++;
                }

                i++;
            }
        }

        private bool VowelInStem()
        {
            for (var i = 0; i <= _j; i++)
            {
                if (!IsConsonant(i))
                {
                    return true;
                }
            }

            return false;
        }

        private bool DoubleConsonant(int i) => i >= 1 && _b[i] == _b[i - 1] && IsConsonant(i);

        // consonant-vowel-consonant ending at i, where the last consonant is not w, x or y ("hop" but not "snow").
        private bool Cvc(int i) =>
            i >= 2 && IsConsonant(i) && !IsConsonant(i - 1) && IsConsonant(i - 2) && _b[i] is not ('w' or 'x' or 'y');

        private bool Ends(string suffix)
        {
            var length = suffix.Length;
            if (length > _k + 1)
            {
                return false;
            }

            for (var i = 0; i < length; i++)
            {
                if (_b[_k - length + 1 + i] != suffix[i])
                {
                    return false;
                }
            }

            _j = _k - length;
            return true;
        }

        private void SetTo(string replacement)
        {
            for (var i = 0; i < replacement.Length; i++)
            {
                _b[_j + 1 + i] = replacement[i];
            }

            _k = _j + replacement.Length;
        }

        // Replaces the suffix when the stem before it has a measure above zero; true when the suffix matched.
        private bool R(string suffix, string replacement)
        {
            if (!Ends(suffix))
            {
                return false;
            }

            if (Measure() > 0)
            {
                SetTo(replacement);
            }

            return true;
        }
    }
}
