print("poemsd")
