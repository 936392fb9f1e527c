"""The texts of the demo stories (``news.demo`` loads them): written for this site from the
project's fact sheet. Uncertain points are said to be uncertain or left out."""

from __future__ import annotations

LAUNCH = """
<p>Apple TV+ is launching Star City, the first series to branch off from its alternate-history
drama For All Mankind. Where the parent show follows the Americans, the new one crosses to the
other side of the Iron Curtain and picks up on the night in 1969 when a Soviet cosmonaut, not an
American astronaut, became the first person to walk on the Moon.</p>
<p>Apple is selling it as a \u201cpropulsive, paranoid thriller\u201d, and the setting explains why:
the engineers and cosmonauts of the Soviet programme work under constant watch from the
intelligence officers assigned to them, and keeping up the claim of Soviet superiority comes at
a price.</p>
<h2>Who is in it</h2>
<p>Rhys Ifans, Otto Hightower in House of the Dragon, leads the cast as the Chief Designer.
Anna Maxwell Martin plays Lyudmilla, who runs a KGB surveillance team. Solly McLeod is the
unpredictable cosmonaut Sasha, Alice Englert the untried cosmonaut Anastasia, Adam Nagaitis
the veteran Valya, and Priya Kansara the scientist Lakshmi.</p>
<h2>Who is making it</h2>
<p>Ben Nedivi and Matt Wolpert are the showrunners. Ronald D. Moore, who co-created For All
Mankind, has confirmed that characters will cross between the two series.</p>
<h2>When it arrives</h2>
<p>The first season has ten episodes and is expected late in 2026. Apple has not yet given a
date.</p>
"""

EXPLAINER = """
<p>Star City is the first spin-off of For All Mankind, and it tells the space race from the
Soviet side. Here is what is known so far.</p>
<h2>The premise</h2>
<p>For All Mankind turns on a single change to history: in 1969 the Soviet cosmonaut Alexei
Leonov, not Neil Armstrong, is the first human on the Moon, and the space race never stops.
Star City begins at that same moment, seen from Moscow. Its subjects are the engineers, the
cosmonauts and the intelligence officers who keep watch over them, and what it costs to keep
claiming that the Soviet system is the better one. Expect more paranoia than triumph.</p>
<p>It is not meant to copy the parent series. As the showrunner Matt Wolpert put it:</p>
<blockquote><p>\u201cWe didn't want it to function as a mirror of For All Mankind. We really wanted
it to be its own show.\u201d</p></blockquote>
<h2>The cast</h2>
<ul>
<li>Rhys Ifans as the Chief Designer, the lead role</li>
<li>Anna Maxwell Martin as Lyudmilla, head of a KGB surveillance team</li>
<li>Solly McLeod as Sasha, a cosmonaut who is something of a loose cannon</li>
<li>Alice Englert as Anastasia, a cosmonaut who has yet to be tested</li>
<li>Adam Nagaitis as Valya, a respected veteran cosmonaut</li>
<li>Priya Kansara as Lakshmi, a scientist</li>
</ul>
<h2>The timeline</h2>
<p>For All Mankind moves on by about a decade every season. Star City was expected to do the
same, but after San Diego Comic-Con it was reported that its first season stays in the 1970s.
Ronald D. Moore has confirmed crossovers with the parent show; talk of a younger Margo Madison
or a young Sergei Nikulov turning up is, for now, only speculation.</p>
<h2>The release window</h2>
<p>The ten episodes were filmed mostly in Vilnius, Lithuania, during 2025, and the series is now
in post-production. Apple TV+ has added an entry for it to its catalogue, and the release is
expected late in 2026. There is no exact date yet.</p>
"""

REAL_TOWN = """
<p>The series takes its name from a real place. Star City, Zvyozdny gorodok in Russian, is a
closed town outside Moscow that houses the Yuri Gagarin Cosmonaut Training Center. For many
years it was left off maps.</p>
<p>It is still where cosmonauts train today.</p>
<h2>Where the show parts company with history</h2>
<p>In reality Apollo 11 put Neil Armstrong on the Moon first, and the Soviet N1 Moon rocket
failed every time it was launched. In the show the Soviets get the N1 working, and how they do it
is one of the stories the series sets out to tell. Sergei Korolev, the real Chief Designer, stayed
anonymous to the public until he died in 1966.</p>
"""

N1 = """
<p>Every alternate history needs a hinge. For All Mankind's is a cosmonaut's boot on the Moon in
1969; Star City's is the machine that could have put it there. In our world that machine, the
N1, is one of the great might-have-beens of engineering.</p>
<h2>Four launches, four failures</h2>
<p>The Soviet Moon rocket was launched four times, and it never once completed its flight:</p>
<ul>
<li><strong>21 February 1969</strong>: the first attempt ends in failure.</li>
<li><strong>3 July 1969</strong>: the second rocket fails and comes down on its own launch
complex, wrecking the pad. Seventeen days later Apollo 11 lands on the Moon.</li>
<li><strong>27 June 1971</strong>: the third launch fails too.</li>
<li><strong>23 November 1972</strong>: so does the fourth, and last.</li>
</ul>
<p>By then the Americans had landed on the Moon several times over, and the Soviet crewed lunar
programme had no rocket to fly on.</p>
<h2>What the show changes</h2>
<p>Star City starts from the opposite outcome: the Soviet engineers made the N1 work. The
series has said that how they managed it is one of the stories it means to tell, which puts the
Chief Designer and his bureau at the centre of the drama. Nothing about the details has been
revealed, so anything more is guesswork.</p>
"""

KOROLEV = """
<p>Sixty years ago, on 14 January 1966, Sergei Korolev died in Moscow. Only then did most Soviet
citizens learn his name. For the whole of the space race that he had run from the Soviet side, the
state had called him simply the Chief Designer, and kept everything else secret.</p>
<h2>A title instead of a name</h2>
<p>The secrecy was deliberate: the men behind the rockets were kept out of sight. So the
engineer whose bureau launched the first cosmonauts stayed a title in the newspapers for as long
as he lived.</p>
<h2>The Chief Designer on screen</h2>
<p>Star City borrows the title for its lead character, played by Rhys Ifans. The character is
written for the series rather than a portrait of Korolev: the real Chief Designer died three
years before the 1969 Moon landing that opens the story, and never saw his Moon rocket fly. The
show's Chief Designer is still at his post in 1969, and in the show the N1 works.</p>
<p>That gap between the man and the role is part of what makes the premise interesting: a
character who carries the real Chief Designer's anonymity into a history where his rocket
succeeded.</p>
"""

IFANS = """
<p>Every story in Star City runs through one office: the Chief Designer's. Rhys Ifans plays the
engineer in charge of the Soviet rockets, the lead role in the series.</p>
<p>Viewers will know Ifans as Otto Hightower in House of the Dragon, another part that lives in the
rooms where power is negotiated. Here the stakes are a space programme that has just won the race
to the Moon and cannot afford to be seen to slip.</p>
<h2>A character with a real shadow</h2>
<p>The Chief Designer has a counterpart in history: Sergei Korolev, whose identity the USSR kept
from the public for years. The series keeps the title and the secrecy, and lets the history go its
own way. Little has been said about the character beyond that, so this page will grow as the
series approaches release.</p>
"""

MAXWELL_MARTIN = """
<p>If the Chief Designer builds the rockets, Lyudmilla watches the people who fly them. Anna
Maxwell Martin plays the head of a KGB surveillance team assigned to the space programme.</p>
<p>Maxwell Martin comes to the series from British television, where her work includes Line of
Duty and Motherland. In Star City her character is where the show's paranoia lives: the
series is about engineers, cosmonauts and the intelligence officers who watch them, and
Lyudmilla leads the watchers.</p>
"""

COSMONAUTS = """
<p>Star City's cosmonaut corps has three very different people at its heart.</p>
<h2>Sasha (Solly McLeod)</h2>
<p>A cosmonaut who is something of a loose cannon, not always inclined to follow the flight
plan.</p>
<h2>Anastasia (Alice Englert)</h2>
<p>An untested woman cosmonaut, still waiting for the flight that will show what she can do.</p>
<h2>Valya (Adam Nagaitis)</h2>
<p>The veteran of the group, with the respect of the whole corps. Nagaitis was seen earlier in
Chernobyl.</p>
<p>Alongside them, Priya Kansara plays Lakshmi, a scientist. How the four connect has not been
revealed.</p>
"""

SEVENTIES = """
<p>Star City's first season will stay in the 1970s. The news, reported after San Diego Comic-Con,
changes what fans had expected: For All Mankind jumps about ten years with every season, and its
spin-off was thought likely to do the same.</p>
<p>Instead the ten episodes remain in the decade after the 1969 Moon landing that opens the
series. Whether later seasons, if there are any, will move on faster has not been said.</p>
"""

POST_PRODUCTION = """
<p>Star City is in post-production. The ten-episode first season was filmed largely in Vilnius,
Lithuania, through 2025, with the city standing in for the Soviet Union.</p>
<p>Apple TV+ has added the series to its catalogue ahead of release. The release is expected late
in 2026; no exact date has been given.</p>
"""

SEASON_GUIDE = """
<p>For All Mankind was one of the first series on Apple TV+, premiering on 1 November 2019.
Ronald D. Moore, Matt Wolpert and Ben Nedivi created it, and each season moves the story on by
roughly a decade.</p>
<h2>Season 1 (2019): the 1970s</h2>
<p>Ten episodes, from \u201cRed Moon\u201d to \u201cA City Upon a Hill\u201d, following NASA after the
Soviet Union wins the race to the Moon.</p>
<h2>Season 2 (February 2021): the 1980s</h2>
<p>The story jumps about ten years ahead.</p>
<h2>Season 3 (June 2022): the 1990s</h2>
<p>Another decade on, with the rivalry still running.</p>
<h2>Season 4 (November 2023): the 2000s</h2>
<p>Much of the season is spent in Russia, where Margo Madison works inside Roscosmos.</p>
<h2>What comes next</h2>
<p>A fifth season has been ordered; it was announced at around the same time as Star City, late
in 2023 as far as we can tell. Each season so far has had ten episodes, and so will Star City's
first.</p>
"""

FIRSTS = """
<p>Star City imagines a Soviet Union that wins the Moon. The real programme won plenty before
that, and the show's world is built on those firsts.</p>
<ul>
<li><strong>12 April 1961</strong>: Yuri Gagarin flies Vostok 1 and becomes the first human in
space.</li>
<li><strong>16 June 1963</strong>: Valentina Tereshkova flies Vostok 6, the first woman in
space.</li>
<li><strong>18 March 1965</strong>: Alexei Leonov leaves Voskhod 2 for the first spacewalk.</li>
</ul>
<p>Leonov's name matters twice over to these shows. For All Mankind begins by imagining that he,
not Neil Armstrong, was first to walk on the Moon. In our history he went on to command the
Soviet side of Apollo\u2013Soyuz in July 1975, the first joint flight of the two rivals.</p>
<p>After 1969 the Soviet record is one of robots and stations rather than footprints: Luna 16
brought lunar soil back to Earth in September 1970, Lunokhod 1 became the first rover on the Moon
that November, and Salyut 1 became the first space station in April 1971. That June the three men
of Soyuz 11 died on their way home.</p>
"""

DIVERGENCES = """
<p>Both series share our history up to 1969, then part from it. These are the points where the
timelines split, as far as has been shown or announced.</p>
<h2>The Moon landing</h2>
<p>Real history: on 20 July 1969 Apollo 11 lands, and Neil Armstrong is the first person on the
Moon. The shows: Alexei Leonov gets there first, and the race never ends.</p>
<h2>The N1</h2>
<p>Real history: the Soviet Moon rocket fails on all four of its launches, between February 1969
and November 1972. The shows: the Soviets make it work, and Star City is to show how.</p>
<h2>The Chief Designer</h2>
<p>Real history: Sergei Korolev runs Soviet rocket design anonymously and dies in January 1966,
when his name is finally made public. Star City: a Chief Designer, played by Rhys Ifans, is still
at the helm in 1969.</p>
<h2>Star City itself</h2>
<p>Both worlds have it: the closed town outside Moscow where cosmonauts train, home of the Yuri
Gagarin Cosmonaut Training Center. In ours, it is still in use.</p>
<p>Our <a href="/timeline/">timeline</a> sets these side by side, date by date.</p>
"""

NOT_A_MIRROR = """
<p>A spin-off told from the other side of the same race could easily have been For All Mankind
turned inside out. Its makers say that was never the plan.</p>
<blockquote><p>\u201cWe didn't want it to function as a mirror of For All Mankind. We really wanted
it to be its own show.\u201d</p></blockquote>
<p>That is Matt Wolpert, who runs Star City with Ben Nedivi; both come from the parent series. The
difference shows in the tone Apple has chosen for it, a \u201cpropulsive, paranoid thriller\u201d,
and in its subjects: engineers and cosmonauts, and the intelligence officers watching them.</p>
<p>The two shows will still meet. Ronald D. Moore has confirmed crossovers; who crosses over has
not been announced.</p>
"""

RED_MOON = """
<p>\u201cRed Moon\u201d, the first episode of For All Mankind, is the hinge of everything that
follows, in both series. It is the night a Soviet cosmonaut, Alexei Leonov, becomes the first
human to walk on the Moon, and NASA has to face having lost.</p>
<p>Watching it again now, knowing that Star City will tell the same night from Moscow, the
episode reads differently. For All Mankind follows the Americans, so the Soviet triumph reaches
us from the other side of the world. Star City promises to show the people who made it
happen.</p>
"""

EPISODE_ONE = """
<p>Star City's first episode is out, and the questions the series raised before release can
start to be answered.</p>
<p>The set-up was always going to be the 1969 moment both shows share, now seen from Moscow.
What we are looking for from here: how the Chief Designer and his engineers make the N1 work,
where it really went wrong in our history; how Lyudmilla's surveillance team changes what the
cosmonauts dare to say; and whether Sasha, Anastasia and Valya are a crew or three rivals.</p>
"""

SCHEDULED_GUIDE = """
<p>New to the space race that never ended? Here is the order to watch in. Start with For All
Mankind's first season, ten episodes from \u201cRed Moon\u201d to \u201cA City Upon a Hill\u201d, then
follow the show's jumps of roughly a decade a season. Star City goes back to the beginning and
tells that first night from the Soviet side.</p>
"""

CROSSOVERS = """
<p>Ronald D. Moore has confirmed that Star City and For All Mankind will cross over. Who makes
the crossing has not been announced.</p>
<p>Fans have suggested a younger Margo Madison, who works inside Roscosmos in For All Mankind's
fourth season, or a young Sergei Nikulov. Neither has been confirmed.</p>
"""
