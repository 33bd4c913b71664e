"""Common given names, for telling a person's name from other capitalised words.

A curated list written for this project (no third-party name data set is
shipped: the large ones are slow to load and some have poor provenance). It
covers names common in England and Wales across generations and communities.
It does not need to be complete: a name outside it is still found by context
("her partner, Tomasz Nowak", "Mrs Nowak"); the list only lets a bare
"Kyle Bennett" or "social worker Sarah" be recognised without such context.

Names that are also ordinary English words or places (Grace, Mark, Jordan,
Victoria...) are kept apart in :data:`AMBIGUOUS`: they count as given names
only where the context already says a person is being named.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Given names that are rarely anything else when capitalised in running text.
GIVEN: frozenset[str] = _words(
    """
    Aaliyah Aaron Abbie Abby Abdul Abdullah Abigail Abu Ada Adam Adeel Adeola Adil Adrian
    Agnieszka Ahmad Ahmed Aidan Aiden Aileen Ailsa Aimee Aisha Aishah Aiyana Alan Alana Alastair
    Albert Aleksander Aleksandra Alesha Alex Alexa Alexander Alexandra Alexis Alfie Ali Alice
    Alicia Alisha Alison Alistair Allan Allison Alyssa Amaan Amal Amanda Amara Amber-Rose Amelia
    Amelie Amina Amir Amira Amit Amna Amy Ana Anastasia Andre Andrea Andreea Andrei Andrew Andy
    Aneesa Angela Angelika Angus Anika Anil Anita Anja Ann Anna Annabelle Anne Annette Annie
    Anthony Anton Antonia Anwar Anya Aoife Archie Ariana Arjun Arlo Arran Arthur Asad Asha
    Ashleigh Ashley Asif Asma Aurora Austin Ava Ayaan Ayesha Ayla Ayman Aziz
    Bartosz Beatrice Becky Belinda Ben Benjamin Bernadette Bernard Beth Bethan Bethany Bianca
    Billie Blessing Bobbi Bobby Bogdan Bonnie Brad Bradley Brandon Brendan Brett Brian Bridget
    Brittany Brooke Bryony Caitlin Caleb Callum Calum Cameron Cara Carl Carla Carlos Carly
    Carmen Caroline Carys Casey Cassie Catherine Cathy Cecilia Cerys Chantelle Charlene Charles
    Charley Charlie Charlotte Chelsea-Lee Cheryl Chidi Chinedu Chioma Chloe Chris Christina
    Christine Christopher Chukwuemeka Ciara Cian Ciaran Claire Clara Claudia Colin
    Connor Conor Corey Courtney Craig Curtis Cyrus Dafydd Daisy-Mae Dale Damian Damien Dan Dana
    Daniel Daniela Daniella Danielle Danny Darius Darren Darryl Dave David Dawid Dean Debbie
    Deborah Declan Deepak Demi Denise Dennis Derek Desmond Devon-Lee Dexter Dhruv Diana Diane
    Dimitri Dina Dionne Dominic Dominika Donna Donovan Dorota Dorothy Douglas Duncan Dylan
    Eamon Ebony Eddie Edward Edwin Efe Eileen Elaine Eleanor Elena Eli Elijah Elin Elise
    Elissa Eliza Ella Ellie Elliot Elliott Ellis Eloise Elsa Elsie Emeka Emil Emilia Emilie
    Emily Emma Emmanuel Eric Erin Esme Esther Ethan Eugene Evan Evelyn Evie Ewan Ezra Fahad
    Faisal Farah Farhan Fatima Fatuma Fawad Felix Fergus Fiona Finlay Finley Finn Freddie
    Frederick Freya Gabriel Gabriela Gabriella Gareth Garry Gary Gavin Gemma George Georgina
    Gerald Geraldine Gerard Gillian Gina Glen Glenn Gordon Graham Gregory Greta Hafsa Hamza
    Hamzah Hana Hannah Harley Harriet Harrison Harry Harvey Hasan Hassan Hayden Hayley Heather
    Hector Helen Helena Henry Hollie Howard Hugh Hugo Hussain Hussein Iain Ian Ibrahim Idris
    Ifeoma Igor Imogen Imran Ingrid Iqbal Irena Irene Isaac Isabel Isabella Isabelle Isaiah
    Isha Isla Ismail Ivan Izzy Jack Jackie Jackson Jacob Jacqueline Jacqui Jade-Louise Jake
    Jakub Jamal James Jamie Jane Janet Janice Jasmin Jasmine Jason Jasper Javed Jay Jayden
    Jayne Jaz Jeanette Jeff Jeffrey Jemima Jenna Jennifer Jenny Jeremy Jermaine Jerome Jess
    Jessica Jill Jim Jimmy Joanna Joanne Jodie Jody Joe Joel Joey Johanna John Johnny Jon
    Jonathan Jordan-Lee Jose Joseph Josephine Josh Joshua Josie Joyce Judith Judy Julia Julian
    Julie Justin Kacper Kai Kaiden Kamal Kamil Kara Karen Karim Karina Karl Karolina Kasia
    Katarzyna Kate Katherine Kathleen Kathryn Katie Katy Kay Kayden Kayla Kayleigh Keeley Keira
    Keisha Keith Kelly Kelsey Ken Kenneth Kerry-Ann Kevin Khadija Kian Kieran Kim Kimberley Kirsty
    Krystal Krzysztof Kyle Kyra Lacey Lara Larissa Laura Lauren Layla Leah Lee Leigh Leila Lena
    Leo Leon Leonard Leonie Lesley Leslie Lewis Lewis-James Lexi Liam Libby Lila Lillian Lily-Mae
    Linda Lindsay Lindsey Lisa Liz Lloyd Logan Lois Lola Lorna Lorraine Louie Louis Louise Luca
    Lucas Lucia Lucy Luke Lydia Lyndsey Lynn Lynne Macie Mackenzie Madeleine Madison Mahmood
    Mahmoud Maisie Maja Malachi Malik Mandy Mansoor Marc Marcel Marcin Marcus Margaret Maria
    Mariam Marie Marina Mario Marion Marek Martha Martin Marwa Mary Maryam Mason Mateusz Matilda
    Matthew Maureen Maxine Maya Megan Mehmet Melanie Melissa Mercy Mia Michael Michaela
    Michal Michelle Mike Millie Mohamed Mohammad Mohammed Molly Monika Muhammad Mustafa
    Nadia Naomi Nasir Natalia Natalie Natasha Nathan Nathaniel Naveed Nazia Neil Nia Niall
    Nicholas Nichola Nicky Nicola Nicole Nikita Nikola Nimra Nina Noah Noor Nora Norman Nuala
    Oisin Olamide Oleksandr Olga Oliver Olivia Ollie Omar Oscar Owen Paige Pamela Patricia
    Patrick Paul Paula Paulina Pauline Pawel Peter Petra Philip Phillip Phoebe Piotr Priya
    Rachael Rachel Rafael Rahul Raj Rajesh Rana Rashid Rebecca Rebekah Reece Reggie Reuben
    Rhiannon Rhys Ricardo Richard Ricky Riley Rita Robert Roberta Roberto Robyn Rohan Roisin
    Roman Ronald Ronan Rory Rosie Ross Rowan Roxanne Ruth Ryan Sabrina Sadia Safiya Saima Sajid
    Salma Sam Samantha Sami Samir Samira Samuel Sana Sandra Sanjay Sara Sarah Sasha Saskia Scott
    Sean Sebastian Seren Shabana Shahid Shakira Shane Shanice Shannon-Louise Sharon Shauna Shaun
    Shazia Sheila Shirley Shona Siobhan Simon Simone Sinead Sofia Sonia Sophia Sophie Stacey
    Stefan Stella Stephanie Stephen Steve Steven Stewart Stuart Sunil Susan Suzanne Sylvia
    Szymon Tahir Tamara Tammy Tania Tanya Tara Tariq Tasha Tayla Teresa Terence Terry Tess
    Tessa Theo Theodore Theresa Thomas Tiffany Tilly Tim Timothy Tina Toby Tom Tomasz Tommy
    Toni Tony Tracey Tracy Trevor Tyler Tyrone Umar Usman Uzma Valerie Vanessa Vikram Vincent
    Viola Wayne Wiktoria Wojciech Yasmin Yasmine Yousef Yusuf Yvonne Zac Zach Zachary Zahra
    Zainab Zak Zara Zoe Zofia Zuzanna Adebayo Ayodele Babajide Chiamaka Funmilayo Kwame Kofi
    Nkechi Oluwaseun Temitope Tunde Yetunde Abena Akosua Ama Kwabena Nana-Ama Precious-Grace
    Jayce Kane Kaden Kian-Lee Riley-Jay Tyler-James Leighton Brody Bailey Kenzie Lacie Tia Tiana
    Kaitlyn Keegan Kody Cody Liberty-Rose Leyton Jenson Alfie-Jay Harley-Quinn Maddison Mollie
    Poppie Evie-Mae Lexie Macy Skye-Marie Tayler
    Jo Jen Jenny Bex Vicky Vikki Steph Gill Bev Mags Nicky Jackie Debs Kath Cath Trish Tash
    Pete Dave Phil Mick Tony Gaz Baz Nikki Jez Fran Rosie Maggie Sian Bryony
    """
)

#: Given names that are also common words, places or months: names only in context.
AMBIGUOUS: frozenset[str] = _words(
    """
    Amber Angel April Art August Autumn Bill Carol Chase Chelsea Clare Clement Crystal Dawn
    Destiny Devon Diamond Dolly Duke Earl Eve Faith Florence Frank Georgia Ginger Grace Guy Hazel
    Heaven Holly Honey Honor Hope Hunter India Iris Ivy Jade Jewel Jordan Joy June Justice Kerry
    King Lily Lincoln Major Mark Marshall May Miles Misty Nick Norma Olive Paris Pat Patience
    Pearl Penny Pepper Poppy Precious Prince Princess Queenie Ray Reign River Robin Rose Ruby
    Rusty Sage Scarlett Shannon Sky Skye Sonny Stanley Sterling Summer Sunny Sydney Taylor Trinity
    Velvet Victoria Violet Wade Will Willow Winter Daisy Rob Sue Dolly Felicity Harmony Melody
    Di Ed Mo Val Nat Sal Bea
    Serenity Storm Fraser Jan Max Eden Ashton Aston Milan Blaze Rocky Ace Lucky Tiger
    Bailey-Rose Elizabeth Maddox Mercedes Porsche
    """
)
